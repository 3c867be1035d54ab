export {};
export * from './decider-specification';
