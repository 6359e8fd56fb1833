// The gold-label rule, written once for the reports and the exports: the reviewer's decision;
// else the label two or more analysts gave unanimously; else none, with a status saying why.
import { type SQL, sql } from 'drizzle-orm';

/**
 * `gold` and `status` columns for a query that joins the sentence's adjudicated label key
 * (`adjudicatedKey`) and a lateral `labelled` with annotation_count, distinct_labels and
 * only_label.
 */
export function goldColumns(adjudicatedKey: SQL): SQL {
  return sql`case
      when ${adjudicatedKey} is not null then ${adjudicatedKey}
      when labelled.annotation_count >= 2 and labelled.distinct_labels = 1 then labelled.only_label
    end as gold,
    case
      when ${adjudicatedKey} is not null then 'adjudicated'
      when coalesce(labelled.annotation_count, 0) = 0 then 'unlabelled'
      when labelled.annotation_count = 1 then 'single'
      when labelled.distinct_labels = 1 then 'agreed'
      else 'disputed'
    end as status`;
}
