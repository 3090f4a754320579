// An incremental CSV reader (RFC 4180): text arrives in pieces of any size and whole records come out, so
// a 100 MB import never sits in memory at once.
// - fields are separated by commas and records by LF or CRLF; a UTF-8 byte order mark at the start is dropped;
// - a quoted field may hold commas, line breaks and doubled quotes ("");
// - each record carries the line number it starts on (the header is line 1), as Cognito's import log does;
// - blank lines are skipped; text after a closing quote, or an unterminated quote at the end, is an error.

export interface CsvRecord {
  lineNumber: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly lineNumber: number,
    message: string,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

export interface CsvReader {
  /** Feeds the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[];
  /** Ends the input; returns the last record if the text did not end with a line break. */
  end(): CsvRecord[];
}

export function createCsvReader(): CsvReader {
  let started = false;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let afterQuote = false;
  let fieldStarted = false;
  let pendingCr = false;

  function finishRecord(out: CsvRecord[]): void {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === "" && !fieldStarted;
    if (!blank) out.push({ lineNumber: recordLine, fields });
    fields = [];
    field = "";
    afterQuote = false;
    fieldStarted = false;
  }

  function consume(char: string, out: CsvRecord[]): void {
    if (inQuotes) {
      if (char === '"') {
        inQuotes = false;
        afterQuote = true;
      } else {
        if (char === "\n") line++;
        field += char;
      }
      return;
    }
    if (afterQuote && char === '"') {
      // A doubled quote inside a quoted field.
      field += '"';
      inQuotes = true;
      afterQuote = false;
      return;
    }
    if (char === ",") {
      fields.push(field);
      field = "";
      afterQuote = false;
      fieldStarted = true;
      return;
    }
    if (char === "\n") {
      finishRecord(out);
      line++;
      recordLine = line;
      return;
    }
    if (afterQuote) throw new CsvSyntaxError(line, "unexpected text after a closing quote");
    if (char === '"') {
      if (field !== "") throw new CsvSyntaxError(line, "a quote inside an unquoted field");
      inQuotes = true;
      fieldStarted = true;
      return;
    }
    field += char;
    fieldStarted = true;
  }

  return {
    push(text) {
      const out: CsvRecord[] = [];
      let input = text;
      if (!started && input.length > 0) {
        started = true;
        if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
      }
      for (const char of input) {
        if (pendingCr) {
          pendingCr = false;
          if (char !== "\n") consume("\r", out);
        }
        if (char === "\r" && !inQuotes) {
          pendingCr = true;
          continue;
        }
        consume(char, out);
      }
      return out;
    },
    end() {
      const out: CsvRecord[] = [];
      if (pendingCr) {
        pendingCr = false;
        consume("\n", out);
      }
      if (inQuotes) throw new CsvSyntaxError(recordLine, "a quoted field is not closed");
      if (field !== "" || fields.length > 0 || fieldStarted) finishRecord(out);
      return out;
    },
  };
}
