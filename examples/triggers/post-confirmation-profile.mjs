// PostConfirmation: once a user is confirmed, write their profile row to the application's database (an
// SQLite file named by PROFILE_DB). Safe to run twice for the same user.

import Database from "better-sqlite3";

let db;
function database() {
  if (!db) {
    db = new Database(process.env.PROFILE_DB ?? "profiles.db");
    db.exec(`CREATE TABLE IF NOT EXISTS profiles (
      sub TEXT PRIMARY KEY,
      username TEXT NOT NULL,
      email TEXT,
      confirmed_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
  }
  return db;
}

export const handler = async (event) => {
  const { sub, email } = event.request.userAttributes;
  database()
    .prepare(
      `INSERT INTO profiles (sub, username, email, confirmed_by, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sub) DO UPDATE SET email = excluded.email`,
    )
    .run(sub, event.userName, email ?? null, event.triggerSource, new Date().toISOString());
  return event;
};
