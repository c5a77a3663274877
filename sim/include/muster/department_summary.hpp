#pragma once
// The yearly review of a department's fire-safety responsibility letter (消防安全责任书): one
// A4 page per department with what it owns, its open findings and overdue items, its hazards
// and the drills and trainings it attended, and lines for the head of department and the safety
// office to sign. docs/compliance.md, "Responsibility".
#include <map>
#include <string>
#include <vector>

#include "muster/checks.hpp"
#include "muster/hazard_register.hpp"

namespace muster {

// What a department attended (from the programme's attendance file), by department name.
struct AttendedSummary {
    int events = 0, attendees = 0;
    std::vector<std::string> lines; // "2027-03-14 extinguisher training (23)", oldest first
};

struct DepartmentSummary {
    std::string department; // display name ("" = items nobody owns)
    const Department* dept = nullptr;
    int units = 0;
    std::map<std::string, int> byStatus;   // ok, due, overdue, expired, repair, ...
    std::vector<const Finding*> findings;  // errors and warnings owned by it
    std::vector<const ItemCheck*> overdue; // items overdue or expired
    HazardStats hazards;
    std::vector<const HazardItem*> openHazards; // not rectified yet, oldest first
    AttendedSummary attended;
};

// One summary per department that owns something or is in the registry, by name; `reg` and
// `attended` may be empty. Pointers point into `report`, `reg` and the project.
std::vector<DepartmentSummary>
departmentSummaries(const Project& p, const ComplianceReport& report, const HazardRegister* reg,
                    const std::map<std::string, AttendedSummary>& attended = {});
std::string departmentSummaryText(const std::vector<DepartmentSummary>& s);
// One A4 page per summary (`only`: these departments by id or name; empty = all).
std::string departmentSummaryHtml(const std::vector<DepartmentSummary>& s, const Project& p,
                                  Date today, const std::vector<std::string>& only = {});

} // namespace muster
