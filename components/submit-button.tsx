"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/**
 * The panel's one submit button: it is disabled and says what it is doing while its form's
 * action runs (React 19's form status), so a second click cannot start the action twice.
 * `disabled` is only a hint: the server decides, and says why it refuses.
 */
export const BUTTON_TONES = {
  primary: "bg-sky-800 text-white hover:bg-sky-900",
  approve: "bg-emerald-700 text-white hover:bg-emerald-800",
  dark: "bg-stone-900 text-white hover:bg-stone-700",
  secondary: "border border-stone-300 bg-white text-stone-900 hover:bg-stone-100",
  danger: "border border-red-300 bg-white text-red-800 hover:bg-red-50",
  link: "text-stone-700 underline-offset-4 hover:underline",
} as const;

type Props = {
  children: ReactNode;
  /** shown instead of the label while this button's submission runs ("Approving…") */
  pendingLabel?: string;
  disabled?: boolean;
  tone?: keyof typeof BUTTON_TONES;
  size?: "sm" | "md";
  /** a form with several submit buttons (a decision's choices) tells them apart by name and value */
  name?: string;
  value?: string;
  /** replaces the tone's look entirely, for buttons that show a state (pressed choices) */
  className?: string;
  autoFocus?: boolean;
  "aria-pressed"?: boolean;
  "aria-describedby"?: string;
};

export function SubmitButton({
  children,
  pendingLabel,
  disabled,
  tone = "primary",
  size = "md",
  name,
  value,
  className,
  ...aria
}: Props) {
  const { pending, data } = useFormStatus();
  const mine = pending && (name === undefined || data?.get(name) === value);
  const padding = tone === "link" ? "" : size === "sm" ? "px-3 py-1.5" : "px-4 py-2";
  const dimmed =
    tone === "link"
      ? "disabled:opacity-60"
      : "disabled:cursor-not-allowed disabled:border-stone-300 disabled:bg-stone-300 disabled:text-stone-600";
  const look = className ?? `${padding} rounded text-sm font-medium ${dimmed} ${BUTTON_TONES[tone]}`;
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={disabled || pending}
      aria-busy={mine || undefined}
      className={look}
      {...aria}
    >
      {mine && pendingLabel ? pendingLabel : children}
    </button>
  );
}
