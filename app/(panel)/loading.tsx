export default function Loading() {
  return (
    <p role="status" className="text-sm text-stone-600">
      Loading the current state…
    </p>
  );
}
