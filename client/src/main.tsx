import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { SessionProvider, startSessionCheck } from "./app/session.tsx";
import { nextTask } from "./app/next-task.ts";
import "./styles.css";

startSessionCheck();

// The first render in a task of its own: evaluating the first script (React's DOM renderer is
// most of it) is already the page's longest task, and the render's scheduling would run at its end.
void nextTask().then(() =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <SessionProvider>
        <App />
      </SessionProvider>
    </StrictMode>,
  ),
);
