STATUSES = ("new", "paid", "shipped")
