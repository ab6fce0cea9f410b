/** The document header's way to the front matter & structure view, for those who may edit the text. */
import { Link } from "../../app/router.tsx";
import { useDocument } from "../document/document-context.ts";

export function StructureLink() {
  const { data } = useDocument();
  if (!data.workspace.abilities["document.edit"]) return null;
  return (
    <Link to={`/d/${data.document.id}/structure`} className="button structure-link" aria-label="Front matter & structure">
      Front matter<span className="wide-label"> &amp; structure</span>
    </Link>
  );
}
