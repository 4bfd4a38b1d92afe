// The webview's one channel to the extension (acquireVsCodeApi may be called once per page).
import type { FromWebviewMessage } from "../src/protocol";

interface VsCodeApi {
  postMessage(msg: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
export const vscode = acquireVsCodeApi();

export function send(msg: FromWebviewMessage): void {
  vscode.postMessage(msg);
}
