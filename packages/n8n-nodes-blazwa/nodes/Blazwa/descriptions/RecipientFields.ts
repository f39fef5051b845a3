import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

// One definition of where a message goes, for Send to Number / Group and Send and Wait: the names stay
// `phoneNumber` and `groupName` so saved workflows keep loading.

export function phoneNumberField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0812 3456 7890',
		description:
			"The recipient's WhatsApp number. Any common form works: 0812-3456-7890, +62 812 3456 7890 or 6281234567890 (a leading 0 becomes 62, Indonesia).",
		displayOptions,
	};
}

export function groupNameField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Group Name',
		name: 'groupName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Staff',
		description:
			"The WhatsApp group's name exactly as WhatsApp shows it. The account must be a member.",
		displayOptions,
	};
}
