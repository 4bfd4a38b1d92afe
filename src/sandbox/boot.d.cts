export declare const PACKAGES_ZIP: string;
export declare function warmUpSnippet(withSympy: boolean): string;
