/** A file upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
import { errorFrom, getCsrfToken, type ApiError } from "./http.ts";

export interface UploadHandle<T> {
  done: Promise<T>;
  abort(): void;
}

export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open("POST", `/api${path}`);
    xhr.responseType = "json";
    xhr.setRequestHeader("accept", "application/json");
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader("x-csrf-token", token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(xhr.response as T);
      } else reject(errorFrom(xhr.status, xhr.response) satisfies ApiError);
    };
    xhr.onerror = () => reject(errorFrom(0, { error: { code: "network", message: "The upload failed: no connection to the server" } }));
    xhr.onabort = () => reject(errorFrom(0, { error: { code: "aborted", message: "The upload was cancelled" } }));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
