package dev.idcplane.api;

import dev.idcplane.drift.DriftFilter;
import jakarta.ws.rs.QueryParam;

/**
 * The filter query parameters that listing and exporting drift share; {@link #filter()} checks them
 * ({@link DriftParams}).
 */
public class DriftQuery {
  @QueryParam("status")
  String status;

  @QueryParam("kind")
  String kind;

  @QueryParam("account")
  String account;

  @QueryParam("ou")
  String ou;

  @QueryParam("principal")
  String principal;

  @QueryParam("permissionSet")
  String permissionSet;

  @QueryParam("from")
  String from;

  @QueryParam("to")
  String to;

  DriftFilter filter() {
    return DriftParams.filter(status, kind, account, ou, principal, permissionSet, from, to);
  }
}
