/** Parapet's mark: a battlement. Decorative; the product name always sits beside it. */
export function Logo({ className = 'size-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="7" className="fill-accent-600" />
      <path d="M7 24V12h4v3h3v-3h4v3h3v-3h4v12z" className="fill-white" />
    </svg>
  );
}
