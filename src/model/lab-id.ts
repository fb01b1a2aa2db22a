/**
 * Lab and check ids: lowercase DNS-label-like, so they fit in namespace names. A plain pattern
 * (no schema library), so that resolving a lab id at startup loads no validation code.
 */
export const LAB_ID_PATTERN = /^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$/;

export const LAB_ID_MESSAGE = 'expected a lowercase id of letters, digits and dashes (at most 30)';
