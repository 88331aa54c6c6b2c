import { classNames } from './class-names';

/**
 * One height for every form control: text fields, selects and buttons. Set explicitly rather
 * than left to padding, because a bordered input, a native select and a borderless button with
 * the same padding come out a pixel or two apart, and side by side that shows.
 */
export const controlHeight = 'h-9';

/** The frame of a text field or select; a multi-line one grows instead of the fixed height. */
export const controlClasses = ({
  invalid = false,
  multiline = false,
}: {
  invalid?: boolean;
  multiline?: boolean;
} = {}) =>
  classNames(
    multiline ? 'min-h-28 py-2' : controlHeight,
    'block w-full rounded-md border bg-white px-3 text-sm text-neutral-900 shadow-xs',
    'placeholder:text-neutral-400 focus:outline-2 focus:-outline-offset-1 focus:outline-accent-600',
    invalid ? 'border-red-400' : 'border-neutral-300',
  );
