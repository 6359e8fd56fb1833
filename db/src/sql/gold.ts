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

/**
 * One row per annotatable sentence in scope, with its gold label and status. The labels are
 * counted for the whole scope at once (per sentence and label, then per sentence: two hash
 * aggregates) rather than by a lateral subquery per sentence, which took tens of seconds over
 * a project of 300,000 sentences.
 */
export function goldSentences(scope: SQL): SQL {
  return sql`
    select s.id, s.document_id, s.position, s.suggestion ->> 'label' as suggested,
      gold_adjudicated.key as adjudicated, labelled.annotation_count, labelled.distinct_labels, labelled.only_label,
      ${goldColumns(sql`gold_adjudicated.key`)}
    from sentences s
    join documents d on d.id = s.document_id
    left join lateral (
      select l.key from adjudications a join labels l on l.id = a.label_id where a.sentence_id = s.id
    ) gold_adjudicated on true
    left join (
      select sentence_id, sum(given)::int as annotation_count, count(*)::int as distinct_labels, min(key) as only_label
      from (
        select an.sentence_id, l.key, count(*) as given
        from annotations an join labels l on l.id = an.label_id
          join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
        where ${scope}
        group by an.sentence_id, l.key
      ) per_label
      group by sentence_id
    ) labelled on labelled.sentence_id = s.id
    where s.kind <> 'boilerplate' and ${scope}`;
}
