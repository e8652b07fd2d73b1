-- A fixture file: never loaded as rules, so this error is not reported.
error("fixtures are not rules")
