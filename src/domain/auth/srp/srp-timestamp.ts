// The TIMESTAMP challenge response: "ddd MMM D HH:mm:ss UTC YYYY" in UTC with English names, e.g.
// "Mon Jan 1 09:05:07 UTC 2024" (amazon-cognito-identity-js DateHelper, Amplify getNowString).
// Rules:
// - the day may come padded ("01") or not ("1"); other numeric fields take one or two digits;
// - the weekday name must be a real name but is not cross-checked against the date (a date-first
//   parse, as a lenient Java date parser would do);
// - the date must exist (no Feb 30) and times must be in range.
// The signature is computed over the string as received, so parsing only serves the freshness check.

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const TIMESTAMP_PATTERN = new RegExp(
  `^(${WEEKDAYS.join("|")}) (${MONTHS.join("|")}) (\\d{1,2}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2}) UTC (\\d{4})$`,
);

export function parseSrpTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) return undefined;
  const [, , monthName, day, hours, minutes, seconds, year] = match;
  const month = MONTHS.indexOf(monthName ?? "");
  const fields = [day, hours, minutes, seconds, year].map((field) => Number(field));
  const [d, h, m, s, y] = fields as [number, number, number, number, number];
  if (h > 23 || m > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, month, d, h, m, s));
  // Date.UTC rolls Feb 30 over to Mar 2; a rolled-over date is not a date.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== month || date.getUTCDate() !== d)
    return undefined;
  return date;
}

/** Formats like the clients do (unpadded day); used by tests and by anything acting as a client. */
export function formatSrpTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}
