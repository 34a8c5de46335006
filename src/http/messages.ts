/**
 * Plain words for bad input (API-5): the one place that turns a zod issue into the sentence a person reads next
 * to the field ("Duration must be at most 24 hours", not "durationSeconds: Too big: expected number to be <=86400").
 */

/** A zod issue as fastify-type-provider-zod hands it over: the issue's code, its message and its other fields. */
export interface InputIssue {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Fields whose name says less than a person would (the rest read from their name: `hourlyRate` → "Hourly rate"). */
const LABELS: Record<string, string> = {
  durationSeconds: 'Duration',
  startDate: 'Work date',
  startTime: 'Start time',
  itemKey: 'Item',
  parentKey: 'Parent item',
  userId: 'User',
  login: 'Login name',
  displayName: 'Name',
  body: 'The request body',
};

/** The label of a field path (`settings.teamChecks` → "Team checks", `query.limit` → "Limit", `items.0.itemKey` → "Item"). */
export function fieldLabel(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? field;
  if (LABELS[last]) return LABELS[last];
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 86400 → "24 hours", 90 → "1 minute 30 seconds". */
export function plainDuration(seconds: number): string {
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
    [seconds % 60, 'second'],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);
  return said.length ? said.join(' ') : '0 seconds';
}

const TYPES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
  null: 'empty',
  bigint: 'a whole number',
};

const FORMATS: Record<string, string> = {
  date: 'a date like 2026-12-06 (year-month-day)',
  datetime: 'a date and time',
  email: 'an email address',
  url: 'a web address',
  uuid: 'an identifier',
  time: 'a time like 09:30',
};

/** zod's own messages, which name types and operators instead of saying what to do. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized key|Expected)/;

/** The sentence for an issue on `field`; `field` is what the problem's `field` says (`startDate`, `query.to`). */
export function plainMessage(field: string, issue: InputIssue): string {
  const label = fieldLabel(field);
  const p = issue.params ?? {};
  const bound = (key: 'maximum' | 'minimum') => (typeof p[key] === 'bigint' ? Number(p[key]) : (p[key] as number));
  const amount = (n: number) => (/Seconds$/.test(field) ? plainDuration(n) : n.toLocaleString('en-US'));
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${label} is required.`;
      return `${label} must be ${TYPES[String(p.expected)] ?? String(p.expected)}.`;
    case 'too_big': {
      const max = bound('maximum');
      const strict = p.inclusive === false;
      if (p.origin === 'string') return `${label} must be at most ${strict ? max - 1 : max} characters long.`;
      if (p.origin === 'array' || p.origin === 'set')
        return `${label} may have at most ${strict ? max - 1 : max} entries.`;
      return `${label} must be ${strict ? 'less than' : 'at most'} ${amount(max)}.`;
    }
    case 'too_small': {
      const min = bound('minimum');
      const strict = p.inclusive === false;
      if (p.origin === 'string')
        return min <= 1
          ? `${label} must not be empty.`
          : `${label} must be at least ${strict ? min + 1 : min} characters long.`;
      if (p.origin === 'array' || p.origin === 'set')
        return min <= 1
          ? `${label} needs at least one entry.`
          : `${label} needs at least ${strict ? min + 1 : min} entries.`;
      return `${label} must be ${strict ? 'more than' : 'at least'} ${amount(min)}.`;
    }
    case 'invalid_format':
      if (!ZOD_DEFAULT.test(issue.message)) return withLabel(label, issue.message);
      return `${label} must be ${FORMATS[String(p.format)] ?? 'in the expected format'}.`;
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values.map((v) => JSON.stringify(v)) : [];
      return values.length ? `${label} must be one of ${values.join(', ')}.` : `${label} is not an accepted value.`;
    }
    case 'unrecognized_keys':
      return `${label} is not a field this request takes.`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${String(p.divisor)}.`;
    default:
      return ZOD_DEFAULT.test(issue.message) ? `${label} is not valid.` : withLabel(label, issue.message);
  }
}

/**
 * A schema's own message: "expected HH:MM" becomes "Start time must be HH:MM"; a sentence of its own ("WORK_ON_ISSUES
 * appears twice") stays as written; a fragment ("year 0 does not exist") says which field it is about.
 */
function withLabel(label: string, message: string): string {
  const sentence = /^expected /.test(message)
    ? `${label} must be ${message.slice('expected '.length)}`
    : /^[A-Z]/.test(message)
      ? message
      : `${label} is not valid: ${message}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
