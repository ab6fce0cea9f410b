/** The live session's state (connection, presence, typing, waiting changes). */
import { useSyncExternalStore } from "react";
import type { SessionSnapshot } from "../../realtime/document-session.ts";
import { useDocument } from "./document-context.ts";

const CONNECTING: SessionSnapshot = { state: "connecting", presence: [], typing: [], waiting: 0 };
const noop = () => () => {};
const connecting = () => CONNECTING;

export function useSessionSnapshot(): SessionSnapshot {
  const { session } = useDocument();
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? connecting);
}
