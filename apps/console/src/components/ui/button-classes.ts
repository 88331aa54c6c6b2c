import { classNames } from './class-names';
import { controlHeight } from './control-classes';

// Plain class names, usable from server components (links styled as buttons) and client ones.
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-accent-600 text-white hover:bg-accent-700 disabled:bg-accent-400',
  secondary:
    'bg-white text-neutral-800 ring-1 ring-inset ring-neutral-300 hover:bg-neutral-50 disabled:text-neutral-400',
  danger:
    'bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50 disabled:text-red-300',
  ghost: 'text-neutral-700 hover:bg-neutral-100 disabled:text-neutral-400',
};

export const buttonClasses = (variant: ButtonVariant = 'primary', extra?: string) =>
  classNames(
    controlHeight,
    'inline-flex items-center justify-center gap-2 rounded-md px-3.5 text-sm font-medium whitespace-nowrap',
    'transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
    'disabled:cursor-not-allowed',
    variants[variant],
    extra,
  );
