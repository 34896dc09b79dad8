import { Fragment } from "react";

/** A long absolute path that wraps at its slashes, not in the middle of a folder name. */
export function PathText({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <code className="font-mono text-xs break-words">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </code>
  );
}
