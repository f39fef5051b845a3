import type { IDataObject } from 'n8n-workflow';

import { escapeHtml } from './pages';

export type FormFieldType = 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown';

/** One field of a Custom Form response, as the Form Fields parameter holds it. */
export interface FormField {
	fieldLabel: string;
	fieldType: FormFieldType;
	placeholder?: string;
	requiredField?: boolean;
	fieldOptions?: { values?: Array<{ option: string }> | { option: string } };
}

const MAX_VALUE_LENGTH = 10_000;

/** A dropdown's choices. Written by hand in a workflow's JSON it may be one object rather than a list. */
function choices(field: FormField): string[] {
	const values = field.fieldOptions?.values;
	const list = Array.isArray(values) ? values : values ? [values] : [];
	return list.map(({ option }) => String(option ?? '')).filter(Boolean);
}

export function formFields(parameter: unknown): FormField[] {
	const values = (parameter as { values?: FormField[] } | undefined)?.values;
	return Array.isArray(values) ? values.filter((field) => field && field.fieldLabel) : [];
}

const inputType: Record<FormFieldType, string> = {
	text: 'text',
	textarea: 'text',
	number: 'number',
	email: 'email',
	date: 'date',
	dropdown: 'text',
};

/** The form's inputs, named `field-0`, `field-1`, … in the order of the Form Fields. */
export function formInputs(fields: FormField[]): string {
	return fields
		.map((field, index) => {
			const name = `field-${index}`;
			const required = field.requiredField ? ' required' : '';
			const placeholder = field.placeholder
				? ` placeholder="${escapeHtml(field.placeholder)}"`
				: '';
			const label = `<label for="${name}">${escapeHtml(field.fieldLabel)}${field.requiredField ? ' *' : ''}</label>`;
			if (field.fieldType === 'textarea')
				return `${label}<textarea id="${name}" name="${name}"${placeholder}${required}></textarea>`;
			if (field.fieldType === 'dropdown') {
				const options = choices(field)
					.map((option) => `<option>${escapeHtml(option)}</option>`)
					.join('');
				return `${label}<select id="${name}" name="${name}"${required}><option value=""></option>${options}</select>`;
			}
			return `${label}<input id="${name}" name="${name}" type="${inputType[field.fieldType] ?? 'text'}"${placeholder}${required}>`;
		})
		.join('\n');
}

/**
 * The posted form as the answer: each field under its label, a number as a number, an empty optional field as
 * "" — or what is wrong with it, so the form can be shown again.
 */
export function formAnswer(
	fields: FormField[],
	body: IDataObject,
): { data: IDataObject } | { problem: string } {
	const data: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const raw = body[`field-${index}`];
		const value = typeof raw === 'string' ? raw.slice(0, MAX_VALUE_LENGTH).trim() : '';
		if (!value) {
			if (field.requiredField) return { problem: `${field.fieldLabel} is required` };
			data[field.fieldLabel] = field.fieldType === 'number' ? null : '';
			continue;
		}
		if (field.fieldType === 'number') {
			const number = Number(value);
			if (!Number.isFinite(number)) return { problem: `${field.fieldLabel} must be a number` };
			data[field.fieldLabel] = number;
			continue;
		}
		if (field.fieldType === 'dropdown' && !choices(field).includes(value)) {
			return { problem: `${field.fieldLabel}: pick one of the choices` };
		}
		data[field.fieldLabel] = value;
	}
	return { data };
}
