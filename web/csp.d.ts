declare const csp: string;
export default csp;
