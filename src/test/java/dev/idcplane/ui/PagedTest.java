package dev.idcplane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.view.ChangeView;
import dev.idcplane.view.PlanView;
import dev.idcplane.view.RefView;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Long lists never render at once: a plan of 10,000 changes shows one page of them. */
class PagedTest {

  @ParameterizedTest
  @CsvSource({
    "10000, 1, 200, 200, 50, 1, 200",
    "10000, 50, 200, 200, 50, 9801, 10000",
    "10000, 99, 200, 200, 50, 9801, 10000",
    "10000, 0, 200, 200, 50, 1, 200",
    "0, 1, 200, 0, 1, 1, 0",
    "201, 2, 200, 1, 2, 201, 201"
  })
  void aPageHoldsAtMostItsSize(
      int total, int page, int size, int shown, int pages, int from, int to) {
    List<Integer> all = IntStream.range(0, total).boxed().toList();
    Paged<Integer> p = Paged.of(all, page, size);
    assertThat(p.items()).hasSize(shown);
    assertThat(p.pages()).isEqualTo(pages);
    assertThat(p.from()).isEqualTo(from);
    assertThat(p.to()).isEqualTo(to);
    assertThat(p.total()).isEqualTo(total);
  }

  @Test
  void aPlanOfTenThousandChangesShowsTwoHundredAndCountsEveryDelete() {
    List<ChangeView> changes =
        IntStream.range(0, 10_000)
            .mapToObj(
                i ->
                    new ChangeView(
                        i % 2 == 0 ? "create_assignment" : "delete_assignment",
                        "assignment/" + i,
                        "why",
                        "Set",
                        null,
                        new RefView("AWS_ACCOUNT", "1111" + i, null),
                        new RefView("GROUP", "g", "team"),
                        List.of(),
                        List.of(),
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        Map.of()))
            .toList();
    PlanView view =
        new PlanView(
            TemplateSamples.ID,
            TemplateSamples.AT,
            "a",
            null,
            "configured",
            new PlanView.SourceView("d", null, "arn", TemplateSamples.AT),
            "fp",
            new PlanView.SummaryView(10_000, Map.of(), Map.of(), 10_000, false, 0),
            changes,
            List.of(),
            List.of(),
            null);
    PlanDetail detail = PlanDetail.of(view, "", 3, 1);
    assertThat(detail.changes().items()).hasSize(PlanDetail.PAGE);
    assertThat(detail.groups().values().stream().mapToInt(List::size).sum())
        .isEqualTo(PlanDetail.PAGE);
    assertThat(detail.changes().from()).isEqualTo(401);
    assertThat(detail.deletes()).hasSize(5_000);
    assertThat(detail.deletesShown()).hasSize(PlanDetail.DELETES_SHOWN);
    assertThat(detail.moreDeletes()).isEqualTo(5_000 - PlanDetail.DELETES_SHOWN);
    String html =
        new Templates().render("plan", Map.of("me", TemplateSamples.ADMIN, "plan", detail));
    assertThat(html.split("<tr>", -1).length - 1).isLessThan(PlanDetail.PAGE + 20);
  }
}
