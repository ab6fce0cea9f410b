/** The JSON body every route reads, held to the documented 256 KB (two routes read their own, larger ones: uploads and the JSON-LD import). */
import express from "express";

export const JSON_BODY_LIMIT = "256kb";

export const jsonBody = express.json({ limit: JSON_BODY_LIMIT });
