import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from "kysely";

// Building and compiling a Kysely query costs about as much CPU as SQLite running it (GetUser: a tenth of
// its CPU went to query builders and the compiler). The hottest statements have a fixed shape, so each is
// compiled once, with stand-in values where its arguments go, and later calls swap in their own values.
// A query whose stand-ins do not all come out as plain parameters (an argument used in the SQL text or in
// building logic) is never reused: it is built afresh on every call, as before.

type Slot = { argument: number } | { constant: unknown };

export type ReusableQuery<Args extends unknown[], Row> = (...args: Args) => Promise<Row[]>;

/**
 * The compiled query for `args`, from a template compiled on the first call. Arguments may be of any type
 * (the stand-ins are strings only while the template compiles), so long as `build` only passes them on as
 * values. Compile with one executor and run with another: a SQLite transaction must run its statements
 * on its own connection (`trx.executeQuery`), not through `db`.
 */
export function reusableCompiledQuery<Args extends unknown[], Row>(
  build: (...args: Args) => Compilable<Row>,
): (...args: Args) => CompiledQuery<Row> {
  type Template = { compiled: CompiledQuery<Row>; slots: Slot[] };
  let template: Template | null | undefined;

  const compileTemplate = (arity: number): Template | null => {
    const marker = `\u0000cognate-query-argument-${Math.random().toString(36).slice(2)}-`;
    const standIns = Array.from({ length: arity }, (_, i) => `${marker}${i}`);
    const compiled = build(...(standIns as Args)).compile();
    if (compiled.sql.includes(marker)) return null;
    const slots = compiled.parameters.map((value): Slot => {
      const argument = typeof value === "string" ? standIns.indexOf(value) : -1;
      return argument >= 0 ? { argument } : { constant: value };
    });
    const used = new Set(slots.flatMap((slot) => ("argument" in slot ? [slot.argument] : [])));
    return used.size === arity ? { compiled, slots } : null;
  };

  return (...args) => {
    if (template === undefined) template = compileTemplate(args.length);
    if (template === null) return build(...args).compile();
    const { compiled, slots }: Template = template;
    const parameters = slots.map((slot) => ("argument" in slot ? args[slot.argument] : slot.constant));
    return { ...compiled, parameters, queryId: createQueryId() };
  };
}

export function reusableQuery<Database, Args extends unknown[], Row>(
  db: Kysely<Database>,
  build: (...args: Args) => Compilable<Row>,
): ReusableQuery<Args, Row> {
  const compiled = reusableCompiledQuery(build);
  return async (...args) => (await db.executeQuery(compiled(...args))).rows;
}
