import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// "< 2/3 >" under a message with branches (edited questions, regenerated
// answers): steps to the previous or next one. Hidden while there is only one.
RowLayout {
    id: switcher

    // 0-based position among the branches, and how many there are.
    property int index: 0
    property int count: 1
    property bool enabled: true

    signal switchTo(int delta)

    visible: count > 1
    spacing: 0

    IconButton {
        objectName: "previousBranchButton"
        iconName: "chevron-left"
        text: qsTr("Previous branch")
        enabled: switcher.enabled && switcher.index > 0
        onClicked: switcher.switchTo(-1)
    }
    Label {
        objectName: "branchPosition"
        text: qsTr("%1/%2").arg(switcher.index + 1).arg(switcher.count)
        font.pixelSize: 12
        color: Theme.mutedText
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Branch %1 of %2").arg(switcher.index + 1).arg(switcher.count)
    }
    IconButton {
        objectName: "nextBranchButton"
        iconName: "chevron-right"
        text: qsTr("Next branch")
        enabled: switcher.enabled && switcher.index < switcher.count - 1
        onClicked: switcher.switchTo(1)
    }
}
