import { OwnerFacingError } from "../../lib/workflow/types";

/** Commands whose step engine is not built yet refuse honestly instead of pretending. */
export function notYetAvailable(command: string): never {
  throw new OwnerFacingError(`"${command}" is not available in this version yet; nothing was changed.`, "unavailable");
}
