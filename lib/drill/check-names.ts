/** Check names the panel reads back from a stored drill. */
export const DROPPED_CHECK = "Scratch schema dropped afterwards";
