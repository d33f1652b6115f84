import sqlite3


class Store:
    def __init__(self, path):
        self.db = sqlite3.connect(path)
        self.db.execute("create table if not exists notes (id integer primary key, body text)")

    def add(self, body):
        cur = self.db.execute("insert into notes (body) values (?)", (body,))
        self.db.commit()
        return cur.lastrowid

    def get(self, note_id):
        row = self.db.execute("select body from notes where id = ?", (note_id,)).fetchone()
        return row[0] if row else None

    def close(self):
        self.db.close()
