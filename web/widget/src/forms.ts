/**
 * Forms an owner sets with `switchboard_set_form` (docs/widget.md), as
 * `get_configuration` answers them (data-structures §10), and their answers
 * as a `filled_form` event carries them (data-structures §3.6).
 */
import { FilledField } from './chat-state';

export interface FormOption {
  id: string;
  label: string;
  group_id?: number;
}

export interface FormField {
  id?: string;
  type: string;
  label: string;
  required?: boolean;
  options?: FormOption[];
}

export interface Form {
  id: string;
  fields: FormField[];
}

/** What a field holds while the customer fills the form: text, a chosen option id, or the checked option ids. */
export type FieldValue = string | string[];

/** The form of a group without a ticket form while nobody is online: who, where to answer, what. */
export const LEAVE_A_MESSAGE_FORM: Form = {
  id: 'leave_a_message',
  fields: [
    { id: 'name', type: 'name', label: 'Your name' },
    { id: 'email', type: 'email', label: 'E-mail (we answer there too)', required: true },
    { id: 'message', type: 'textarea', label: 'Message', required: true },
  ],
};

/** A field's id: the form's own, else its place (a `filled_form` field needs one). */
export const fieldId = (field: FormField, index: number): string => field.id ?? `field_${index + 1}`;

/** The answered fields, shaped for `filled_form`; headers and unanswered fields are left out. */
export function fillForm(form: Form, values: Record<string, FieldValue>): FilledField[] {
  return form.fields.flatMap((field, index): FilledField[] => {
    const id = fieldId(field, index);
    const value = values[id];
    const base = { type: field.type, id, label: field.label };
    if (field.type === 'header' || value === undefined || value.length === 0) return [];
    if (Array.isArray(value)) {
      const answers = (field.options ?? []).filter((o) => value.includes(o.id)).map(({ id, label }) => ({ id, label }));
      return [{ ...base, answers }];
    }
    if (field.options) {
      const option = field.options.find((o) => o.id === value);
      return option ? [{ ...base, answer: option }] : [];
    }
    return [{ ...base, answer: value.trim() }];
  });
}

/** The first required checkbox field with nothing checked (the browser checks the other kinds itself). */
export function missingChoice(form: Form, values: Record<string, FieldValue>): FormField | undefined {
  return form.fields.find((field, index) => field.type === 'checkbox' && field.required && !(values[fieldId(field, index)]?.length));
}
