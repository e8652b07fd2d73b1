-- line 2 repeats an id from a.lua
reminder { id = "branch-committee-monthly", title = "重复", source = "x", applies_to = { kind = "branch", size = 3 }, every = "month", done = function() end }
