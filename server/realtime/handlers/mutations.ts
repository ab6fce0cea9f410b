/** Every mutation event goes to the same MutationRunner as REST; the ack carries its outcome. */
import { MUTATION_NAMES, type MutationName } from "../../../common/realtime.ts";
import type { MutationRunner } from "../../modules/mutations/registry.ts";
import type { ScholiaSocket } from "../socket-types.ts";
import type { OnMutation } from "./guard.ts";

const NAMES: ReadonlySet<MutationName> = new Set(MUTATION_NAMES);

export function mutationHandlers(onMutation: OnMutation, socket: ScholiaSocket, mutations: MutationRunner): void {
  const actor = { userId: socket.data.user.id, displayName: socket.data.user.displayName };
  onMutation(NAMES, (name, payload) => mutations.run(name, actor, payload));
}
