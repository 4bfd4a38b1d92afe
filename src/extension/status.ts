// The status bar item: model state when idle, a spinner with rollouts while a search runs; click opens the panel.

import * as vscode from "vscode";
import type { ModelState } from "../worker/search-client";
import { describeModelSpec } from "../worker/worker-protocol";

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private model: ModelState = { state: "unloaded" };
  private running: { done: number; total: number } | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem("stepwise.status", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "Stepwise";
    this.item.command = "stepwise.showPanel";
    this.render();
    this.item.show();
  }

  setModel(state: ModelState): void {
    this.model = state;
    this.render();
  }

  setRunning(progress: { done: number; total: number }): void {
    this.running = progress;
    this.render();
  }

  setIdle(): void {
    this.running = undefined;
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (this.running) {
      item.text = `$(loading~spin) Stepwise ${this.running.done}/${this.running.total}`;
      item.tooltip = `Searching: ${this.running.done} of ${this.running.total} done. Click to show the panel.`;
      item.accessibilityInformation = { label: `Stepwise is searching, ${this.running.done} of ${this.running.total} done` };
      return;
    }
    switch (this.model.state) {
      case "unloaded":
        item.text = "$(symbol-operator) Stepwise";
        item.tooltip = "Stepwise: models load on the first solve. Click to show the panel.";
        break;
      case "loading":
        item.text = "$(loading~spin) Stepwise: loading model";
        item.tooltip = `Loading ${describeModelSpec(this.model.spec)}`;
        break;
      case "ready":
        item.text = "$(symbol-operator) Stepwise";
        item.tooltip = `Stepwise ready: ${this.model.policyName}${this.model.rewardName ? ` with ${this.model.rewardName}` : ""}`;
        break;
      case "error":
        item.text = "$(warning) Stepwise";
        item.tooltip = `Stepwise: ${this.model.error.message}`;
        item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
        break;
    }
    item.accessibilityInformation = { label: typeof item.tooltip === "string" ? item.tooltip : "Stepwise" };
  }

  dispose(): void {
    this.item.dispose();
  }
}
