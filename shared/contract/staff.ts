import { method } from './define';

// Methods of the staff feature.
void method;
export const staffMethods = {};
