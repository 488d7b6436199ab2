interface Props {
  basePath: string;
  page: number;
  totalPages: number;
}

export const pageHref = (basePath: string, page: number) => (page <= 1 ? basePath : `${basePath}?page=${page}`);

export function Pagination({ basePath, page, totalPages }: Props) {
  if (totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && (
        <a href={pageHref(basePath, page - 1)} rel="prev">
          Newer stories
        </a>
      )}
      <span>
        Page {page} of {totalPages}
      </span>
      {page < totalPages && (
        <a href={pageHref(basePath, page + 1)} rel="next">
          Older stories
        </a>
      )}
    </nav>
  );
}
