def format_sql(sql):
    words = sql.split()
    kw = {"select", "from", "where", "and", "or"}
    return " ".join(w.upper() if w.lower() in kw else w for w in words)
