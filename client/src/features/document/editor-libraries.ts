/**
 * The editor's libraries (TipTap and ProseMirror), gathered so the document screen can run
 * them in a task of their own before the screen itself (screen-loader.ts).
 */
export { Editor, Extension, Mark, Node } from "@tiptap/core";
export { EditorContent, useEditor } from "@tiptap/react";
export { Schema } from "@tiptap/pm/model";
export { EditorState, Plugin } from "@tiptap/pm/state";
export { Transform } from "@tiptap/pm/transform";
export { Decoration, DecorationSet, EditorView } from "@tiptap/pm/view";
