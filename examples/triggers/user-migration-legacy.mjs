// UserMigration: lazy migration from the old application's user table (an SQLite file named by LEGACY_DB,
// passwords stored as bcrypt hashes). The first time a user signs in with their old password, Cognito
// creates them with it; after that Cognito knows them and this function is not called again.
// Forgot-password: the user is created without a password and gets a reset code.

import bcrypt from "bcryptjs";
import Database from "better-sqlite3";

let db;
function legacyUser(name) {
  db ??= new Database(process.env.LEGACY_DB ?? "legacy.db", { readonly: true, fileMustExist: true });
  return db
    .prepare(
      "SELECT username, email, full_name, password_hash FROM legacy_users WHERE username = ? OR email = ?",
    )
    .get(name, name.toLowerCase());
}

function attributesOf(row) {
  return { email: row.email, email_verified: "true", name: row.full_name };
}

export const handler = async (event) => {
  const row = legacyUser(event.userName);
  if (!row) throw new Error("User not found");
  if (event.triggerSource === "UserMigration_Authentication") {
    if (!(await bcrypt.compare(event.request.password, row.password_hash))) throw new Error("Bad password");
    event.response.userAttributes = attributesOf(row);
    event.response.finalUserStatus = "CONFIRMED";
    event.response.messageAction = "SUPPRESS";
  } else if (event.triggerSource === "UserMigration_ForgotPassword") {
    event.response.userAttributes = attributesOf(row);
    event.response.messageAction = "SUPPRESS";
  }
  return event;
};
