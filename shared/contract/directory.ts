import { method } from './define';

// Methods of the directory feature.
void method;
export const directoryMethods = {};
