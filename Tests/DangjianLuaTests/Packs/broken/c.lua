local x = 1
if x then
  reminder "not a table"
