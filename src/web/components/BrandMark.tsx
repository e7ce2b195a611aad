/** The Relais logo: a rounded square with a stylised "R" relay arrow. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-indigo-6)" />
      <path
        d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13m3 0 5 5"
        stroke="white"
        strokeWidth="3"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
