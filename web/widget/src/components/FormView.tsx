import { useState } from 'preact/hooks';
import { FilledField } from '../chat-state';
import { FieldValue, fieldId, fillForm, Form, FormField, missingChoice } from '../forms';

interface Props {
  form: Form;
  heading: string;
  intro: string;
  submitLabel: string;
  busy: boolean;
  /** Known answers to start from (the customer's name and e-mail). */
  initial?: Record<string, string>;
  onSubmit: (fields: FilledField[]) => void;
}

/** A form of the group (prechat, ticket) or the widget's own "leave a message" form, every field labelled. */
export function FormView({ form, heading, intro, submitLabel, busy, initial = {}, onSubmit }: Props) {
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    Object.fromEntries(form.fields.flatMap((f, i) => (initial[f.type] ? [[fieldId(f, i), initial[f.type]]] : []))),
  );
  const [problem, setProblem] = useState<string>();
  const change = (id: string, value: FieldValue) => setValues((current) => ({ ...current, [id]: value }));

  const submit = (event: Event) => {
    event.preventDefault();
    const missing = missingChoice(form, values);
    if (missing) return setProblem(`Please choose at least one answer for “${missing.label}”.`);
    setProblem(undefined);
    onSubmit(fillForm(form, values));
  };

  return (
    <form class="form-view" onSubmit={submit} aria-labelledby="form-heading">
      <h2 id="form-heading">{heading}</h2>
      <p class="muted">{intro}</p>
      {form.fields.map((field, index) => (
        <Field key={fieldId(field, index)} field={field} id={fieldId(field, index)} value={values[fieldId(field, index)]} onChange={change} />
      ))}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

interface FieldProps {
  field: FormField;
  id: string;
  value: FieldValue | undefined;
  onChange: (id: string, value: FieldValue) => void;
}

function Field({ field, id, value, onChange }: FieldProps) {
  const inputId = `field-${id}`;
  const label = (
    <label for={inputId}>
      {field.label}
      {field.required && <span aria-hidden="true"> *</span>}
    </label>
  );
  const options = field.options ?? [];
  switch (field.type) {
    case 'header':
      return <p class="form-header">{field.label}</p>;
    case 'textarea':
      return (
        <div>
          {label}
          <textarea id={inputId} rows={4} required={field.required} value={(value as string) ?? ''} onInput={(e) => onChange(id, e.currentTarget.value)} />
        </div>
      );
    case 'select':
    case 'group_chooser':
      return (
        <div>
          {label}
          <select id={inputId} required={field.required} value={(value as string) ?? ''} onChange={(e) => onChange(id, e.currentTarget.value)}>
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      );
    case 'radio':
    case 'checkbox': {
      const checked = Array.isArray(value) ? value : value ? [value] : [];
      const toggle = (optionId: string, on: boolean) =>
        field.type === 'radio' ? onChange(id, optionId) : onChange(id, on ? [...checked, optionId] : checked.filter((c) => c !== optionId));
      return (
        <fieldset>
          <legend>
            {field.label}
            {field.required && <span aria-hidden="true"> *</span>}
          </legend>
          {options.map((o) => (
            <label key={o.id} class="choice">
              <input
                type={field.type === 'radio' ? 'radio' : 'checkbox'}
                name={inputId}
                value={o.id}
                required={field.type === 'radio' && field.required}
                checked={checked.includes(o.id)}
                onChange={(e) => toggle(o.id, e.currentTarget.checked)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      );
    }
    default: {
      const text = {
        id: inputId,
        required: field.required,
        value: (value as string) ?? '',
        onInput: (e: { currentTarget: HTMLInputElement }) => onChange(id, e.currentTarget.value),
      };
      return (
        <div>
          {label}
          {field.type === 'email' ? <input type="email" autocomplete="email" {...text} /> : <input type="text" autocomplete={field.type === 'name' ? 'name' : 'off'} {...text} />}
        </div>
      );
    }
  }
}
