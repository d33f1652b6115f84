def build(rows):
    return {"total": sum(r["amount"] for r in rows), "count": len(rows)}
