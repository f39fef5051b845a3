export { deviceFields, deviceOperations } from './DeviceDescription';
export { messageFields, messageOperations } from './MessageDescription';
export { numberFields, numberOperations } from './NumberDescription';
export { optionsField } from './OptionsDescription';
export { webhookFields, webhookOperations } from './WebhookDescription';
export { sendAndWaitFields } from './SendAndWaitDescription';
