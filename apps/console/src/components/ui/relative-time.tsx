import { describeAge } from './describe-age';

/**
 * A past moment as its age ("5 minutes ago"), rendered on the server against the page's `now`,
 * with the exact UTC time as the element's own value and tooltip.
 */
export function RelativeTime({ value, now }: { value: Date; now: Date }) {
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}>
      {describeAge(value, now)}
    </time>
  );
}
