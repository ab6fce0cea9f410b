/**
 * False on a component's first render, true from a render in a later task: a part of a screen
 * that is costly to make (the article's editor) is then made in a task of its own, after the
 * rest of the screen has been drawn, rather than lengthening the task that draws it.
 */
import { useEffect, useState } from "react";
import { nextTask } from "./next-task.ts";

export function useShownNextTask(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void nextTask().then(() => !cancelled && setShown(true));
    return () => {
      cancelled = true;
    };
  }, []);
  return shown;
}
