import { method } from './define';

// Methods of the cases feature.
void method;
export const casesMethods = {};
