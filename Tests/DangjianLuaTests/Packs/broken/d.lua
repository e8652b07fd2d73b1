reminder { id = "never-sends", title = "x", source = "x", applies_to = { kind = "branch" }, every = "month", done = function() return true end }
reminder { id = "late-escalation", title = "x", source = "x", applies_to = { kind = "branch" }, every = "month", done = function() return true end, escalate = { after_end = 30, to = "parent.secretary" } }
reminder { id = "to-committee", title = "x", source = "x", applies_to = { kind = "branch" }, every = "month", done = function() return true end, notify = { before_end = 3, to = "committee" } }
rule { id = "rule-with-period", title = "x", source = "x", every = "month", check = function() return {} end }
