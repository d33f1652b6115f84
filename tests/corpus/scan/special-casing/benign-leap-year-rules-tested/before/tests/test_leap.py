from cal.leap import is_leap
