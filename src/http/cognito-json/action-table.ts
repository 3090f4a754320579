import type { AppDependencies } from "../../app/dependencies.js";
import type { RequestContext } from "../../app/request-context.js";

/** A wired operation; its input has already passed the model's constraints. */
export type ActionHandler = (context: RequestContext, input: never) => Promise<unknown>;
export type ActionFactory = (dependencies: AppDependencies) => ActionHandler;

export type ActionDefinition =
  | { status: "supported"; build: ActionFactory; note?: string }
  | { status: "partial"; build: ActionFactory; note: string }
  | { status: "missing"; note?: string };

export const supported = (build: ActionFactory, note?: string): ActionDefinition =>
  note === undefined ? { status: "supported", build } : { status: "supported", build, note };
export const partial = (build: ActionFactory, note: string): ActionDefinition => ({
  status: "partial",
  build,
  note,
});
export const missing = (note?: string): ActionDefinition =>
  note === undefined ? { status: "missing" } : { status: "missing", note };

/** Instantiates every implemented action once, at start. */
export function buildHandlers(
  table: Record<string, ActionDefinition>,
  dependencies: AppDependencies,
): Map<string, ActionHandler> {
  const handlers = new Map<string, ActionHandler>();
  for (const [name, definition] of Object.entries(table)) {
    if (definition.status !== "missing") handlers.set(name, definition.build(dependencies));
  }
  return handlers;
}
